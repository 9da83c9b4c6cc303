"""actionplan-ingest: published HMPPS/MoJ action plans -> validated structured data.

    >>> from actionplan_ingest import extract
    >>> plan = extract("plan.pdf")          # an ActionPlan (pydantic model)
    >>> plan.model_dump_json(indent=2)
"""
from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from .models import ActionPlan
from .pipeline import extract

try:
    __version__ = version("actionplan-ingest")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0.0.0"

__all__ = ["ActionPlan", "__version__", "extract"]
