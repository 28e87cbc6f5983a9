from .model import Mlp, relu  # noqa: F401
