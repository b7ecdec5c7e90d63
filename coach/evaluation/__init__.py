"""Measuring the engine against labelled role descriptions, and fitting its weights.

- `corpus`: reading a labelled corpus (JSON Lines, corpus/README.md's format);
- `labels`: where the labelled evidence sentences sit in each text;
- `metrics`: agreement, Cohen's kappa, the majority baseline, flag and
  evidence precision / recall;
- `dataset`: every document traced once, its sentences and their features;
- `fit`: weights and thresholds fitted on labelled documents (scikit-learn,
  needed only here: `pip install empowerment-coach[fit]`);
- `evaluate`: the figures `coach eval` prints, in-sample or with grouped
  cross-validation (leave one organisation out), per source and per rule.
"""
