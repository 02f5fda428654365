"""Language-aware text primitives shared by the stages: sentences, tokens, language."""
