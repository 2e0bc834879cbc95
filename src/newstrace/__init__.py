"""newstrace: turn a pile of news articles into an evidence dossier.

    >>> import newstrace
    >>> dossier = newstrace.analyze(["coverage/"])
    >>> dossier.counts()["documents"]
"""

__version__ = "0.1.0"

from newstrace.check import check  # noqa: E402
from newstrace.dossier import Dossier, load_dossier  # noqa: E402
from newstrace.pipeline.local import analyze  # noqa: E402
from newstrace.settings import Settings  # noqa: E402

__all__ = ["analyze", "check", "Dossier", "load_dossier", "Settings", "__version__"]
