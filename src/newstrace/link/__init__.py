"""Cross-document linking: reuse, quotes, entities and claims across the whole coverage."""
