from __future__ import nested_scopes, rested_snopes
