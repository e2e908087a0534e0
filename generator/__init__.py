"""Static research-site generator: a folder of news articles in, a cross-linked dossier out."""

from .native import use_compiled

# the compiled extract modules, when built for these sources (see native.py)
use_compiled()
