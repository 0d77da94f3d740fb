"""The span tagger: a small BiLSTM over frozen encoder states.

Per wordpiece it predicts 15 logits: "inside some propaganda span" and one per technique
(multi-label). Trained on the states of :mod:`encoder`; only this head ships.
"""

from __future__ import annotations

import torch
from torch import nn

from slant.models import TECHNIQUES

N_OUT = 1 + len(TECHNIQUES)


class Tagger(nn.Module):
    def __init__(self, dim_in: int, proj: int = 256, hidden: int = 128, dropout: float = 0.3,
                 layers: int = 1) -> None:
        super().__init__()
        self.config = {"dim_in": dim_in, "proj": proj, "hidden": hidden, "dropout": dropout,
                       "layers": layers}
        self.drop_in = nn.Dropout(dropout)
        self.proj = nn.Linear(dim_in, proj)
        self.lstm = nn.LSTM(proj, hidden, num_layers=layers, batch_first=True, bidirectional=True,
                            dropout=dropout if layers > 1 else 0.0)
        self.drop = nn.Dropout(dropout)
        self.out = nn.Linear(2 * hidden, N_OUT)

    def forward(self, x: torch.Tensor) -> torch.Tensor:  # (b, n, dim_in) -> (b, n, N_OUT)
        h = torch.relu(self.proj(self.drop_in(x)))
        h, _ = self.lstm(h)
        return self.out(self.drop(h))

    def hidden_states(self, x: torch.Tensor) -> torch.Tensor:
        h = torch.relu(self.proj(x))
        h, _ = self.lstm(h)
        return h
