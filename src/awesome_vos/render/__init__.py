"""Renderers: pure functions from the Catalog to text, one module per output."""
