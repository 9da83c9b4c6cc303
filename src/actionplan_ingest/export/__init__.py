"""Writers for the outputs: JSON per plan, CSV of actions, SQLite over many plans. All atomic."""
