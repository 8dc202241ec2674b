"""The engine shared by the CLI and the GUI. Nothing in this package may import Qt."""
