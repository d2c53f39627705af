"""The editorial workflow (docs/workflow.md): who may do what (rules), what a release must
satisfy to be cleared or published (gates), the lifecycle (transitions), what editing does to
it (editing) and embargoed previews (embargo)."""
