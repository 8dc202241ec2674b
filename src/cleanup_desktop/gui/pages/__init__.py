"""One module per step of the flow; each page is a :class:`~.base.Page`."""
