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
MODEL = Path(__file__).with_name("story_model.json")


@dataclass(frozen=True, slots=True)
class StoryModel:
    """Weights of INPUTS and the intercept, and the two merge bars."""

    weights: tuple[float, ...]
    intercept: float
    bar: float  # mean probability over all pairs of two groups, to merge them
    cohesion: float  # that mean over the smaller mean within either group
    spread: float = 0.0  # added to the bar over sqrt(pairs): one pair needs more

    def probability(self, features: PairFeatures, reuse: F64) -> F64:
        """P(one event) of each pair; 0 for a pair without body evidence."""
        inputs = np.concatenate([features.values, reuse], axis=1)
        logit = inputs @ np.array(self.weights) + self.intercept
        chance: F64 = np.where(features.gated, 1.0 / (1.0 + np.exp(-logit)), 0.0)
        return chance

    def as_json(self) -> dict[str, object]:
        return {
            "inputs": list(INPUTS),
            "weights": [round(w, 4) for w in self.weights],
            "intercept": round(self.intercept, 4),
            "bar": self.bar,
            "cohesion": self.cohesion,
            "spread": self.spread,
        }


@lru_cache(maxsize=1)
def fitted() -> StoryModel:
    """The model fitted on the training split (``story_model.json``)."""
    data = json.loads(MODEL.read_text(encoding="utf-8"))
    if tuple(data["inputs"]) != INPUTS:
        raise ValueError(
            f"{MODEL} was fitted for other inputs: run bench.stories --fit"
        )
    return StoryModel(
        tuple(float(w) for w in data["weights"]),
        float(data["intercept"]),
        float(data["bar"]),
        float(data["cohesion"]),
        float(data.get("spread", 0.0)),
    )
