using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpSolis.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "cluster_nodes",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    host_name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    process_id = table.Column<int>(type: "INTEGER", nullable: false),
                    roles = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    version = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    started_at = table.Column<long>(type: "INTEGER", nullable: false),
                    last_seen_at = table.Column<long>(type: "INTEGER", nullable: false),
                    stopped_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cluster_nodes", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_cluster_nodes_last_seen_at",
                table: "cluster_nodes",
                column: "last_seen_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "cluster_nodes");
        }
    }
}
