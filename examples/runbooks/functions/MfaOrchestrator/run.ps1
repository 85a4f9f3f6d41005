# Durable orchestrator: one activity per shard, all started at once, then their summaries together.
# Orchestrator code is replayed: it must only schedule activities, never call the module itself.
param($Context)
$n = [int]$Context.Input.Shards
$tasks = foreach ($i in 1..$n) { Invoke-DurableActivity -FunctionName 'MfaShard' -Input "$i/$n" -NoWait }
$summaries = Wait-DurableTask -Task $tasks
$summaries
