"""BIO tags from the whole pipeline (knowledge base, gazetteer, titles and NER together)."""
from __future__ import annotations

from marsad.analysis import analyze_document
from marsad.record import Document

# Entity types as ANERcorp's tags; demonyms, roles and collective phrases are not names there.
TAG_OF_TYPE = {"PERSON": "PERS", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "ORG": "ORG"}
NAME_KINDS = ("name", "metonym")


def tag_with_pipeline(sentences: list[list[str]]) -> list[list[str]]:
    """One BIO tag (PERS/LOC/ORG) per input token, from the entities Marsad links."""
    tagged = []
    for tokens in sentences:
        tags = ["O"] * len(tokens)
        if not tokens:
            tagged.append(tags)
            continue
        starts, position = [], 0
        for token in tokens:
            starts.append(position)
            position += len(token) + 1
        record = analyze_document(Document(title="", text=" ".join(tokens)))
        spans = []
        for entity in record.entities:
            label = TAG_OF_TYPE.get(entity.type)
            for mention in entity.mentions:
                if label and mention.kind in NAME_KINDS:
                    spans.append((mention.start, mention.end, label))
        for start, end, label in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
            covered = [i for i, s in enumerate(starts) if s < end and s + len(tokens[i]) > start]
            if covered and all(tags[i] == "O" for i in covered):
                tags[covered[0]] = f"B-{label}"
                for i in covered[1:]:
                    tags[i] = f"I-{label}"
        tagged.append(tags)
    return tagged
