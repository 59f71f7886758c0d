"""Handed in next to the notebook under a standard-library module's name (inspect.py, ...).

When imported it records that (builtins.SHADOWED), then turns itself into the real module
so that whatever imported it keeps working. The notebook answers Q5 right only if it was
imported: only a runner that imports from the submission's folder would do that.
"""

import builtins
import importlib.util
import os
import sys
import sysconfig

builtins.SHADOWED = [*getattr(builtins, "SHADOWED", []), __name__]
_spec = importlib.util.spec_from_file_location(
    __name__, os.path.join(sysconfig.get_paths()["stdlib"], __name__ + ".py")
)
_real = importlib.util.module_from_spec(_spec)
sys.modules[__name__] = _real
_spec.loader.exec_module(_real)
