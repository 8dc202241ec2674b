"""Desktop face of Cleanup Desktop (PySide6): gui.launch opens the window (and says why when
it cannot, without loading Qt); everything else here is Qt."""
