"""Rendering that needs Qt but no window (PDF one-pagers): outside the Qt-free core."""
