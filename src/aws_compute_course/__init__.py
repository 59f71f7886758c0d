"""AWS Solutions Architect Professional: Compute & Load Balancing, as an interactive course."""

__version__ = "0.1.0"
