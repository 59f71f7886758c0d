"""Explorables: thin ipywidgets + plotly layers over the models."""

from __future__ import annotations

import ipywidgets as widgets


class Explorer:
    """Base of every explorable: shows its ``widget`` when it ends a notebook cell."""

    widget: widgets.Widget

    def _repr_mimebundle_(self, **kwargs: object) -> dict | None:
        return self.widget._repr_mimebundle_(**kwargs)
