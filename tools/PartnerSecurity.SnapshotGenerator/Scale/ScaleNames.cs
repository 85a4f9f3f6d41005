namespace PartnerSecurity.SnapshotGenerator.Scale
{
    /// <summary>Name parts for synthetic users and groups. A few surnames carry apostrophes, as real directories do.</summary>
    internal static class ScaleNames
    {
        public static readonly string[] Given =
        {
            "Aaron", "Abigail", "Adam", "Aisha", "Alejandro", "Amelia", "Andrei", "Anna", "Arjun", "Ava", "Beatriz", "Benjamin", "Camila", "Carlos",
            "Chen", "Chloe", "Daniel", "David", "Divya", "Elena", "Elijah", "Emma", "Ethan", "Fatima", "Felix", "Grace", "Hana", "Hiro", "Ibrahim",
            "Isabella", "Jack", "James", "Jin", "Julia", "Kai", "Karin", "Laila", "Lars", "Leah", "Liam", "Lucas", "Maria", "Mateo", "Mia", "Mohammed",
            "Nadia", "Noah", "Nora", "Olivia", "Omar", "Priya", "Rafael", "Ravi", "Sara", "Sofia", "Tariq", "Thomas", "Yuki", "Zara", "Zoe",
        };

        public static readonly string[] Surnames =
        {
            "Adams", "Ahmed", "Andersson", "Bauer", "Bianchi", "Brown", "Carter", "Chen", "Costa", "D'Souza", "Dubois", "Evans", "Fernandes", "Fischer",
            "Garcia", "Gupta", "Hansen", "Hernandez", "Ito", "Jansen", "Johnson", "Kim", "Kowalski", "Kumar", "Larsen", "Lee", "Lopez", "Martin",
            "Meyer", "Moreau", "Müller", "Nakamura", "Nguyen", "Novak", "O'Brien", "O'Connell", "Okafor", "Olsen", "Patel", "Petrov", "Popescu",
            "Quinn", "Rossi", "Santos", "Schmidt", "Silva", "Singh", "Smith", "Sousa", "Suzuki", "Tanaka", "Taylor", "Thompson", "Van der Berg",
            "Wang", "Weber", "Williams", "Wilson", "Yamamoto", "Zhang",
        };

        public static readonly string[] Departments =
        {
            "Engineering", "Sales", "Support", "Consulting", "Finance", "Marketing", "Operations", "People", "Security", "Delivery",
        };

        public static readonly string[] JobTitles =
        {
            "Engineer", "Senior Engineer", "Consultant", "Account Executive", "Support Engineer", "Analyst", "Manager", "Specialist", "Coordinator", "Architect",
        };
    }
}
