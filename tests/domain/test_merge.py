"""The three-way merge of an edit that met another officer's save (issue #15, item 8)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.merge import merge, merge_list

FIELDS = ("title", "planned_on", "owner_id")
scalars = st.one_of(st.none(), st.integers(0, 3), st.sampled_from(["a", "b", "c"]))
records = st.fixed_dictionaries({name: scalars for name in FIELDS})
items = st.lists(st.integers(0, 6), unique=True, max_size=6)


@given(records, records, records)
def test_a_change_made_only_by_the_other_side_is_never_dropped(base, mine, theirs):
    merged = merge(base, mine, theirs)
    for name in FIELDS:
        if mine[name] == base[name]:
            assert merged.values[name] == theirs[name]
            assert name not in merged.clashes


@given(records, records, records)
def test_a_change_made_only_by_this_officer_is_kept(base, mine, theirs):
    merged = merge(base, mine, theirs)
    for name in FIELDS:
        if theirs[name] == base[name]:
            assert merged.values[name] == mine[name]
            assert name not in merged.theirs_changed


@given(records, records, records)
def test_a_clash_is_a_field_both_changed_differently(base, mine, theirs):
    merged = merge(base, mine, theirs)
    expected = {
        name
        for name in FIELDS
        if mine[name] != base[name] != theirs[name] and mine[name] != theirs[name]
    }
    assert set(merged.clashes) == expected
    assert set(merged.carried).isdisjoint(merged.clashes)


@given(items, items, items)
def test_lists_merge_item_by_item(base, mine, theirs):
    merged = merge_list(base, mine, theirs)
    added_by_them = set(theirs) - set(base)
    removed_by_them = set(base) - set(theirs)
    added_by_me = set(mine) - set(base)
    removed_by_me = set(base) - set(mine)
    assert added_by_them <= set(merged)
    assert added_by_me <= set(merged)
    assert not (removed_by_them & set(merged))
    assert not (removed_by_me & set(merged))
    assert (
        set(merged) == (set(base) | added_by_them | added_by_me) - removed_by_them - removed_by_me
    )
    assert len(merged) == len(set(merged))


@given(items, items, items)
def test_list_fields_never_clash(base, mine, theirs):
    merged = merge({"parties": base}, {"parties": mine}, {"parties": theirs}, lists={"parties"})
    assert merged.clashes == ()
    assert set(merged.values["parties"]) == set(merge_list(base, mine, theirs))


def test_an_unknown_start_makes_every_difference_a_clash():
    merged = merge({}, {"title": "mine", "notes": "same"}, {"title": "theirs", "notes": "same"})
    assert merged.clashes == ("title",)
    assert merged.values == {"title": "mine", "notes": "same"}


def test_what_is_carried_over_is_named():
    base = {"title": "Round 1", "location": "Astana", "notes": ""}
    mine = {"title": "Round 1", "location": "Astana", "notes": "Bring the mandate"}
    theirs = {"title": "Round 1", "location": "Brussels", "notes": ""}
    merged = merge(base, mine, theirs)
    assert merged.values == {
        "title": "Round 1",
        "location": "Brussels",
        "notes": "Bring the mandate",
    }
    assert merged.theirs_changed == ("location",)
    assert merged.carried == ("location",)
    assert merged.clashes == ()


@given(items, items, items)
def test_a_merge_says_which_fields_this_officer_changed(base, mine, theirs):
    merged = merge({"members": base}, {"members": mine}, {"members": theirs}, lists={"members"})
    assert ("members" in merged.mine_changed) == (set(mine) != set(base))
