"""The ``report`` command: a batch store's plans -> figures as of a date -> tables and a page with charts.

``store_plans`` reads the store's plan JSON, ``figures`` computes (pure),
``tables`` renders rich (terminal) and Markdown tables, ``html`` the
self-contained page (matplotlib, imported only there).
"""
