"""Cross-document stages: near-duplicates, event stories, disputes, actor discovery."""
