"""Update campaigns (`cls-site campagne`): each structure is asked to confirm its fiche, and its answer imported.

fields.py — the fields a structure checks, labelled as its fiche shows them (also the « Signaler une erreur » mail);
due.py — which structures to ask; letters.py — letters, e-mails and their PDF; campaign_sheet.py — the workbook;
campaign_file.py — data/campagnes.yml; answers.py — the answers applied to the data; commands.py — the CLI group.
"""
