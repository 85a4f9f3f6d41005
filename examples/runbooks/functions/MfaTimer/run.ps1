# Timer trigger, daily at 05:00 UTC: starts one orchestration that fans the customers out in shards.
param($Timer, $TriggerMetadata)
$shards = if ($env:PARTNERSECURITY_SHARDS) { [int]$env:PARTNERSECURITY_SHARDS } else { 8 }
$instanceId = Start-DurableOrchestration -FunctionName 'MfaOrchestrator' -InputObject @{ Shards = $shards }
Write-Host "Started MFA orchestration $instanceId over $shards shards."
