"""Explorables: thin ipywidgets + plotly layers over the models."""
