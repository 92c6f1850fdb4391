"""Realtime Desktop: spoken conversations with OpenAI Realtime models."""

# The one place the version is written: pyproject.toml reads it from here, and
# tests/unit/test_packaging.py checks that the AppStream release list starts with it.
__version__ = "0.1.0"
