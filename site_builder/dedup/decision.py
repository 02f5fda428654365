"""The story decision for dedup: evidence -> the chance that two texts are one event.

A logistic model of the pair features (``evidence``) and of the passages the two
share word for word (``reuse``), fitted on ../shared/train by ``bench/stories.py``
with leave-one-ECB+-topic-out and leave-one-language-pair-out folds, then three
bars for ``linkage``: the mean probability two groups need, what one pair of
articles needs beyond it, and how close that mean must come to the groups' own
cohesion. The fitted numbers live in
``story_model.json`` beside this module, with the fold figures that chose them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

from site_builder.dedup.evidence import FEATURES, PairFeatures

F64 = npt.NDArray[np.float64]

# what the model reads, in order: the evidence features, then the larger and the
# smaller share of words in passages the two texts share word for word
INPUTS = (*FEATURES, "reuse_max", "reuse_min")
# with the embeddings extra: the same, and the cosine of the two texts' vectors when
# they are in two languages (``join``)
WITH_MEANING = (*INPUTS, "meaning")
MODEL = Path(__file__).with_name("story_model.json")
MODEL_WITH_MEANING = Path(__file__).with_name("story_model_meaning.json")


@dataclass(frozen=True, slots=True)
class StoryModel:
    """Weights of INPUTS and the intercept, and the two merge bars."""

    weights: tuple[float, ...]
    intercept: float
    bar: float  # mean probability over all pairs of two groups, to merge them
    cohesion: float  # that mean over the smaller mean within either group
    spread: float = 0.0  # added to the bar over sqrt(pairs): one pair needs more

    @property
    def inputs(self) -> tuple[str, ...]:
        return WITH_MEANING if len(self.weights) == len(WITH_MEANING) else INPUTS

    def probability(
        self, features: PairFeatures, reuse: F64, meaning: F64 | None = None
    ) -> F64:
        """P(one event) of each pair; 0 for a pair without body evidence.

        ``meaning`` (the cosine of the pair's embeddings) is read by a model
        fitted with it, and must then be given.
        """
        parts = [features.values, reuse]
        if self.inputs == WITH_MEANING:
            if meaning is None:
                raise ValueError("this story model needs the texts' embeddings")
            parts.append(meaning.reshape(-1, 1))
        inputs = np.concatenate(parts, axis=1)
        logit = inputs @ np.array(self.weights) + self.intercept
        chance: F64 = np.where(features.gated, 1.0 / (1.0 + np.exp(-logit)), 0.0)
        return chance

    def as_json(self) -> dict[str, object]:
        return {
            "inputs": list(self.inputs),
            "weights": [round(w, 4) for w in self.weights],
            "intercept": round(self.intercept, 4),
            "bar": self.bar,
            "cohesion": self.cohesion,
            "spread": self.spread,
        }


@lru_cache(maxsize=2)
def fitted(meaning: bool = False) -> StoryModel:
    """The model fitted on the training split, with embeddings or without."""
    path, inputs = (MODEL_WITH_MEANING, WITH_MEANING) if meaning else (MODEL, INPUTS)
    data = json.loads(path.read_text(encoding="utf-8"))
    if tuple(data["inputs"]) != inputs:
        raise ValueError(f"{path} was fitted for other inputs: run bench.stories --fit")
    return StoryModel(
        tuple(float(w) for w in data["weights"]),
        float(data["intercept"]),
        float(data["bar"]),
        float(data["cohesion"]),
        float(data.get("spread", 0.0)),
    )
