"""summitry: find, compare and trace reports of contacts between world leaders."""

__version__ = "0.1.0"
