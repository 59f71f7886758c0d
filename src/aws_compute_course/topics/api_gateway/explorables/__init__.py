"""API Gateway explorables: the throttling simulator, the cache explorer and the API type
chooser.

Each is declared on :class:`aws_compute_course.widgets.Explorer`: its controls, its figure
and a pure view function from the controls' values to the figure's patches and the readout
(``throttle_view``, ``cache_view``, ``chooser_view``; tested headless, every number from
:mod:`..api_gateway`). In the course notebook::

    throttle_explorer()   # two partners through usage plans, a stage and the account
    cache_explorer()      # TTL, size and key popularity against hit ratio and cost
    chooser_explorer()    # requirements in, qualifying API types and their cost out
"""

from __future__ import annotations

from aws_compute_course.topics.api_gateway.explorables.cache import (
    CacheExplorer,
    cache_explorer,
    cache_readout,
    cache_view,
)
from aws_compute_course.topics.api_gateway.explorables.chooser import (
    ChooserExplorer,
    chooser_explorer,
    chooser_readout,
    chooser_view,
)
from aws_compute_course.topics.api_gateway.explorables.throttle import (
    ThrottleExplorer,
    partner_streams,
    throttle_explorer,
    throttle_readout,
    throttle_view,
)

__all__ = [
    "CacheExplorer",
    "ChooserExplorer",
    "ThrottleExplorer",
    "cache_explorer",
    "cache_readout",
    "cache_view",
    "chooser_explorer",
    "chooser_readout",
    "chooser_view",
    "partner_streams",
    "throttle_explorer",
    "throttle_readout",
    "throttle_view",
]
