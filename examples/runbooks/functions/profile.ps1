# Runs once per worker: the module ships in the app's Modules folder (managed dependencies are not used).
Import-Module PartnerSecurity -ErrorAction Stop
