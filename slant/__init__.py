"""slant: read news articles and show how they persuade."""

__version__ = "0.1.0"
