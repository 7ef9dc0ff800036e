"""Static site generator for the public website of a French Contrat Local de Santé (CLS)."""

__version__ = "0.1.0"
