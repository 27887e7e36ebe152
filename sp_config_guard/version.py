"""The tool's version, on the ground floor so that every stage can name it without importing
the package's entry points."""

__version__ = "0.1.0"
