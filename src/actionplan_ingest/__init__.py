"""actionplan-ingest: published HMPPS/MoJ action plans -> validated structured data.

    >>> from actionplan_ingest import extract
    >>> plan = extract("plan.pdf")          # an ActionPlan (pydantic model)
    >>> plan.model_dump_json(indent=2)
"""
from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

__version__ = "0.1.0"  # the one place the version is set (pyproject.toml reads it)

__all__ = ["ActionPlan", "__version__", "extract"]

# The public names load on first use: importing the package (as every command does) costs
# nothing until a plan is read, so ``--help`` starts without the models or the pipeline.
_LAZY = {"ActionPlan": "models", "extract": "pipeline"}

if TYPE_CHECKING:
    from .models import ActionPlan
    from .pipeline import extract


def __getattr__(name: str) -> object:
    if name in _LAZY:
        return getattr(import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
