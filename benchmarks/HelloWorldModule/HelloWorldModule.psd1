@{
    RootModule        = 'HelloWorldModule.dll'
    ModuleVersion     = '1.0.0'
    GUID              = '0f7c2a9e-3b1d-4c5e-8f6a-7b8c9d0e1f2a'
    CmdletsToExport   = @('Get-Hello')
    FunctionsToExport = @()
    AliasesToExport   = @()
    VariablesToExport = @()
}
