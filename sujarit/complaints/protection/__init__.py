"""How complainants are protected, as engines that write nothing: encryption (crypto), proof of work
and flood limits (pow), uploads checked and stripped of metadata (casefiles)."""
