"""Static research-site generator: a folder of news articles in, a cross-linked dossier out."""
