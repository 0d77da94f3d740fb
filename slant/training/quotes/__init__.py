"""Scoring quotes against PolNeAR (:mod:`.evaluate`) and learning the cue lexicon (:mod:`.lexicon`)."""
