"""Qt item models over the core's result dicts, plus the sort/filter proxy."""
