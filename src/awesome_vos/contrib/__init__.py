"""The contributor's tools (new, import-bibtex, diff, links, schema): they read data/ but are no part of the build."""
