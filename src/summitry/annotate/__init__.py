"""Annotators: each finds one kind of span over a document's clean text."""
