"""awesome-vos: a source-cited list of video object and instance segmentation work, built from YAML."""

__version__ = "0.1.0"
