"""The 结构化 review of imported documents and the 本地补充 editor (loaded on first use)."""
