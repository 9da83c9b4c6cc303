"""python -m actionplan_ingest"""
from .cli import run

run()
