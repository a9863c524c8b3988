"""Academy attendance: who is expected where, and (later) the diploma rules.

Pure functions: frames in, frames out.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["expected_sessions"]


def expected_sessions(participants: pd.DataFrame, sessions: pd.DataFrame) -> pd.DataFrame:
    """Every (participant, session) pair at which the participant is expected.

    A participant of a ``group`` is expected at that group's sessions and at sessions
    with no group; a participant with no group is expected at every session (SPEC §2).

    Returns
    -------
    pandas.DataFrame
        Columns ``participant_id``, ``session_id``, in participant then session order.
    """
    people = participants[["participant_id"]].copy()
    people["_pgroup"] = participants["group"] if "group" in participants else None
    slots = sessions[["session_id"]].copy()
    slots["_sgroup"] = sessions["group"] if "group" in sessions else None
    pairs = people.merge(slots, how="cross")
    keep = pairs["_pgroup"].isna() | pairs["_sgroup"].isna() | (pairs["_pgroup"] == pairs["_sgroup"])
    return pairs.loc[keep.to_numpy(dtype=bool), ["participant_id", "session_id"]].reset_index(drop=True)
