from .analysis import AnalysisChannel, AnnualAnalysis, Channel  # noqa: F401
from .flags import FlagReview, Outcome  # noqa: F401
from .projects import COMPETITIVE, THAI_METHOD, Bid, ImportBatch, Method, Project, Source  # noqa: F401
from .vendors import Director, Vendor  # noqa: F401
