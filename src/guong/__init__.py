"""Gương: the accountability cycle of a hierarchical party organization."""
