"""actionplan-ingest: published HMPPS/MoJ action plans -> validated structured data.

    >>> from actionplan_ingest import extract
    >>> plan = extract("plan.pdf")          # an ActionPlan (pydantic model)
    >>> plan.model_dump_json(indent=2)
"""
from __future__ import annotations

from .models import ActionPlan
from .pipeline import extract

__version__ = "0.1.0"  # the one place the version is set (pyproject.toml reads it)

__all__ = ["ActionPlan", "__version__", "extract"]
