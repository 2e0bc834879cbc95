"""Per-document extraction: model loading and extractors over a parsed spaCy Doc."""
