"""The education network: human rights education programmes that cities share, adapt
from each other, run and evaluate (the 2020 Declaration's fourth promise)."""
